import AccordCore
import ArgumentParser
import Foundation

/// `--ids-from FILE`: ids one to a line (`IDList`), from a file or standard input (`-`), for
/// more than a command line holds well. swift-argument-parser takes a time that grows with the
/// square of the number of positional arguments: `classify` of 30,000 ids took 26.9 s given as
/// arguments, 1.0 s from a file.
struct IDFileOptions: ParsableArguments {
    @Option(name: .customLong("ids-from"),
            help: ArgumentHelp("Also the ids in this file, one to a line ('-': standard input).", valueName: "file"))
    var file: String?

    /// The ids of the file `--ids-from` names; nil without the option. A file that holds no id
    /// is refused: to a command, no id may mean every record.
    func list() throws -> IDList? {
        guard let file else { return nil }
        let name = file == "-" ? "standard input" : file
        let data: Data
        if file == "-" {
            if isatty(STDIN_FILENO) == 1 { warn("reading ids from the terminal, one to a line; end with Ctrl-D") }
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw UsageError("--ids-from: no such file or folder: \(file)")
            }
            guard !isFolder.boolValue else { throw UsageError("--ids-from: \(file) is a folder, not a file of ids") }
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw UsageError("--ids-from: cannot read \(file): \(error.localizedDescription)")
            }
        }
        let list: IDList
        do { list = try IDList(data, file: name) } catch { throw UsageError("--ids-from: \(error)") }
        guard !list.ids.isEmpty else { throw UsageError("--ids-from: \(name) holds no id") }
        return list
    }

    /// `ids` as an error names them: the first `shown`, those of `list` in the order of its lines
    /// and each with its line (`acme-2021 (ids.txt:3)`), then how many more.
    static func naming(_ ids: [String], from list: IDList?, shown: Int = 10) -> String {
        let ordered = ids.enumerated().sorted { (list?.lines[$0.element] ?? 0, $0.offset) < (list?.lines[$1.element] ?? 0, $1.offset) }
        let named = ordered.prefix(shown).map { id in list?.place(of: id.element).map { "\(id.element) (\($0))" } ?? id.element }
        return named.joined(separator: ", ") + (ids.count > shown ? " and \(ids.count - shown) more" : "")
    }
}
