/// Why an Anki package could not be imported; shown as `recall: error: message` with the
/// hint as a `note:` line. Nothing is written when one is thrown.
public struct AnkiImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    static func damaged(_ file: String, _ what: String) -> AnkiImportError {
        AnkiImportError("'\(file)' is damaged: \(what)",
                        hint: "export the deck from Anki again (File > Export, 'Anki Deck Package')")
    }
}
