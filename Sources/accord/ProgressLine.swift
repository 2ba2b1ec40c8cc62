import AccordReports
import ArgumentParser
import Foundation

/// `--progress` / `--no-progress`: whether long work shows one updating line on stderr. By
/// default it does when stderr is a terminal, and never under cron.
struct ProgressOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Show one updating line of progress on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    /// A line for `label`'s work of `total` items (nil when not known ahead), counted only when the line is shown.
    func line(_ label: String, total: @autoclosure () throws -> Int?, unit: String) rethrows -> ProgressLine {
        let shown = progress ?? (isatty(STDERR_FILENO) == 1)
        return ProgressLine(label, total: shown ? try total() : nil, unit: unit, shown: shown)
    }
}

/// One line on stderr, redrawn in place at most ten times a second, as cargo and rsync do:
/// `classify: 120,000 of 1,000,000 partnerships (12%) · 45,100/s · 20 s left`. It is left
/// on the terminal, whole, when the work is done.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let unit: String
    private let shown: Bool
    private let started = Date()
    private let lock = NSLock()
    private var done = 0
    private var drawn = Date.distantPast
    private var width = 0

    init(_ label: String, total: Int?, unit: String, shown: Bool) {
        self.label = label
        self.total = total
        self.unit = unit
        self.shown = shown
    }

    /// Counts `count` more items done.
    func advance(by count: Int = 1) {
        guard shown else { return }
        lock.lock()
        defer { lock.unlock() }
        done += count
        let now = Date()
        if now.timeIntervalSince(drawn) >= 0.1 {
            drawn = now
            draw(Self.text(label, done: done, total: total, unit: unit, seconds: now.timeIntervalSince(started)))
        }
    }

    /// Prints `line` on stdout above the progress line, which is drawn again under it.
    func say(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        guard shown else { print(line); return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: width) + "\r").utf8))
        width = 0
        print(line)
        fflush(nil)
        draw(Self.text(label, done: done, total: total, unit: unit, seconds: Date().timeIntervalSince(started)))
    }

    /// Draws the line once more, whole, and ends it.
    func finish() {
        guard shown else { return }
        lock.lock()
        defer { lock.unlock() }
        draw(Self.text(label, done: done, total: total, unit: unit, seconds: Date().timeIntervalSince(started), finished: true))
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(_ text: String) {
        // Carriage return, the text, and spaces over what a longer line left.
        let padding = String(repeating: " ", count: max(0, width - text.count))
        width = text.count
        FileHandle.standardError.write(Data(("\r" + text + padding).utf8))
    }

    /// `import: 120,000 of 1,000,000 records (12%) · 45,100/s · 20 s left`, or without a total
    /// `import: 120,000 records · 45,100/s`; finished, `… in 2.6 s`.
    static func text(_ label: String, done: Int, total: Int?, unit: String, seconds: Double, finished: Bool = false) -> String {
        var text = "\(label): \(grouped(done))"
        if let total, total > 0 {
            text += " of \(grouped(total)) \(unit) (\(min(100, done * 100 / total))%)"
        } else {
            text += " \(unit)"
        }
        if finished { return text + String(format: " in %.1f s", seconds) }
        guard done > 0, seconds > 0 else { return text }
        let each = seconds / Double(done)
        text += each <= 1 ? " · \(grouped(Int(1 / each)))/s" : String(format: " · %.1f s each", each)
        if let total, done < total { text += " · \(duration(Double(total - done) * each)) left" }
        return text
    }

    /// `1,234`, as reports write counts.
    private static func grouped(_ n: Int) -> String { FigureText.value(Double(n), unit: nil) }

    /// `20 s`, `3 min 5 s`.
    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }
}
