/// A small JSON document tree for Recall's little files (`settings.json`, snapshot headers),
/// read with ``JSONScanner`` so that errors carry a line number.
enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// The number and its text, so integers stay exact.
    case number(Double, text: String)
    case bool(Bool)
    case null

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x, _), .number(let y, _)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// Parses a whole document; on failure gives the 1-based line of the problem.
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseFailure> {
        bytes.withUnsafeBytes { buf in
            var s = JSONScanner(buf)
            do throws(JSONScanError) {
                let v = try value(&s, depth: 0)
                s.skipWhitespace()
                guard s.atEnd else { throw s.unexpected(expected: "the end of the file") }
                return .success(v)
            } catch {
                let line = 1 + buf[0..<min(s.pos, buf.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                return .failure(JSONParseFailure(line: line, message: error.message))
            }
        }
    }

    private static func value(_ s: inout JSONScanner, depth: Int) throws(JSONScanError) -> JSONValue {
        guard depth < 32 else { throw JSONScanError("values are nested too deeply") }
        s.skipWhitespace()
        switch s.peek {
        case 0x7B:
            s.pos += 1
            var members: [(key: String, value: JSONValue)] = []
            if s.nextIs(0x7D) { return .object(members) }
            repeat {
                let key = try s.string()
                try s.expect(0x3A, "':'")
                members.append((key, try value(&s, depth: depth + 1)))
            } while s.nextIs(0x2C)
            try s.expect(0x7D, "',' or '}'")
            return .object(members)
        case 0x5B:
            s.pos += 1
            var items: [JSONValue] = []
            if s.nextIs(0x5D) { return .array(items) }
            repeat { items.append(try value(&s, depth: depth + 1)) } while s.nextIs(0x2C)
            try s.expect(0x5D, "',' or ']'")
            return .array(items)
        case 0x22: return .string(try s.string())
        case 0x74, 0x66: return .bool(try s.bool())
        case 0x6E:
            guard s.null() else { throw s.unexpected(expected: "a value") }
            return .null
        default:
            let start = s.pos
            let d = try s.number()
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[start..<s.pos]), as: UTF8.self)
            return .number(d, text: text)
        }
    }

    /// The member named `key` of an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value as an exact integer, if it is one.
    var integer: Int? {
        guard case .number(_, let text) = self else { return nil }
        return Int(text)
    }
}

/// Where and why a JSON document did not parse (`line` is 1-based).
struct JSONParseFailure: Error {
    var line: Int
    var message: String
}
