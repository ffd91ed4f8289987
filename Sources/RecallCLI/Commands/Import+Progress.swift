import Foundation

/// The progress bar of `recall import`: shown on standard error only when it is a terminal
/// and the file is large (over 4 MiB); otherwise every call does nothing.
struct ImportProgress {
    static let threshold = 4 << 20
    private let enabled: Bool

    init(file: String) {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        enabled = isatty(STDERR_FILENO) == 1 && size >= Self.threshold
    }

    /// Draws `[#####.....]  50% label` over the previous bar.
    func show(_ fraction: Double, _ label: String) {
        guard enabled else { return }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded())
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = String(Int((fraction * 100).rounded()))
        let line = "\r[\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)% \(label)\u{1B}[K"
        Console.progress(line)
    }

    /// Erases the bar.
    func clear() {
        guard enabled else { return }
        Console.progress("\r\u{1B}[K")
    }
}
