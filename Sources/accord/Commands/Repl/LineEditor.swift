import CEditLine
import Foundation

/// Reads lines at a terminal with libedit: editing, the arrow keys, and a
/// history kept in a file between sessions.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
    }

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private var prompt: UnsafeMutablePointer<CChar>
    private var warnedAboutHistory = false

    /// - Parameters:
    ///   - historyFile: where history is read from and saved to after each
    ///     line; nil for none.
    ///   - capacity: the most lines history keeps.
    init(program: String, historyFile: String?, capacity: Int) {
        editor = ceditline_init(program)
        history = history_init()
        self.historyFile = historyFile
        prompt = strdup("")
        ceditline_history_setsize(history, Int32(clamping: capacity))
        ceditline_history_setunique(history, 1)
        if let historyFile, FileManager.default.fileExists(atPath: historyFile) {
            ceditline_history_load(history, historyFile)
        }
        ceditline_set_editor(editor, "emacs")
        ceditline_set_signal(editor, 1)
        ceditline_set_history(editor, history)
        ceditline_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        ceditline_set_prompt(editor) { editor in
            guard let editor, let data = ceditline_clientdata(editor) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
        }
        el_source(editor, nil) // the user's ~/.editrc, if any
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(prompt)
    }

    /// Shows `prompt` and reads a line, without its line break.
    func read(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        Interrupts.clear()
        fflush(nil)
        var count: Int32 = 0
        guard let line = el_gets(editor, &count), count > 0 else {
            return count < 0 && Interrupts.received ? .interrupted : .end
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Adds a line to the history and saves it.
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        ceditline_history_enter(history, line)
        save()
    }

    /// Writes the history beside its file, then moves it in place.
    private func save() {
        guard let historyFile else { return }
        let folder = (historyFile as NSString).deletingLastPathComponent
        let temporary = historyFile + ".tmp"
        let saved = (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
            && ceditline_history_save(history, temporary) >= 0
            && rename(temporary, historyFile) == 0
        if !saved && !warnedAboutHistory {
            warnedAboutHistory = true
            warn("accord: cannot save the history in \(historyFile)")
        }
    }
}
