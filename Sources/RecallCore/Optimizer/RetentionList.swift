import Foundation

/// The desired retentions `recall simulate --retention` compares: `0.85`, a list
/// `0.8,0.85,0.9`, a range `0.75..0.97` (every hundredth), or a range with a step
/// `0.70..0.95/0.05`, and lists of these. Values are kept to two decimals, sorted, once each.
public enum RetentionList {
    /// What `recall simulate` compares when not told: 0.70 to 0.95 by 0.05, and 0.97.
    public static let standard = [0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 0.97]
    /// Lowest and highest retention simulated.
    public static let bounds = 0.50...0.99
    /// Most retentions in one list.
    public static let maximumCount = 50

    /// The retentions `text` names, or a message saying what is wrong with it.
    public static func parse(_ text: String) -> Result<[Double], RetentionListError> {
        var hundredths = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = item.trimmingCharacters(in: .whitespaces)
            let parts = word.components(separatedBy: "..")
            guard parts.count <= 2, !word.isEmpty else { return .failure(.init("'\(word)' is not a retention or a range like 0.75..0.97")) }
            guard let low = hundredth(parts[0]) else { return .failure(.init("'\(parts[0])' is not a retention from 0.50 to 0.99 with at most two decimals")) }
            guard parts.count == 2 else { hundredths.insert(low); continue }
            let highAndStep = parts[1].components(separatedBy: "/")
            guard highAndStep.count <= 2, let high = hundredth(highAndStep[0]) else {
                return .failure(.init("'\(parts[1])' is not a retention from 0.50 to 0.99 with at most two decimals"))
            }
            var step = 1
            if highAndStep.count == 2 {
                guard let value = Double(highAndStep[1]), value >= 0.01, value <= 0.49 else {
                    return .failure(.init("'\(highAndStep[1])' is not a step between 0.01 and 0.49"))
                }
                step = Int((value * 100).rounded())
            }
            guard low <= high else { return .failure(.init("'\(word)' runs backwards; write the lower retention first")) }
            hundredths.formUnion(stride(from: low, through: high, by: step))
        }
        guard hundredths.count <= maximumCount else {
            return .failure(.init("'\(text)' names \(hundredths.count) retentions; at most \(maximumCount) at once"))
        }
        return .success(hundredths.sorted().map { Double($0) / 100 })
    }

    /// `0.85` → 85, within ``bounds``, at most two decimals.
    private static func hundredth(_ text: String) -> Int? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), bounds.contains(value) else { return nil }
        let scaled = (value * 100).rounded()
        guard abs(value * 100 - scaled) < 1e-6 else { return nil }
        return Int(scaled)
    }
}

/// Why a `--retention` list could not be read.
public struct RetentionListError: Error, Equatable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
