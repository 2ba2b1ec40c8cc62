import AccordCore
import AccordScripting
import Foundation

/// The report scripts of a workspace: the `.lua` files of its reports folder.
struct ReportScripts {
    let workspace: Workspace
    let host: ReportHost

    private var folder: String { workspace.path(workspace.config.reports) }

    private func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { $0.hasSuffix(".lua") }.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Every script that loads, and the errors of those that do not.
    func all() -> (scripts: [ReportScript], problems: [String]) {
        var scripts: [ReportScript] = []
        var problems: [String] = []
        for file in files() {
            do { scripts.append(try host.load(file, display: workspace.display(file))) } catch {
                problems.append(String(describing: error))
            }
        }
        return (scripts, problems)
    }

    /// The file of the script a user names, a file or the id of a report named after its file,
    /// when there is one, whether it loads or not.
    func file(named name: String) -> String? {
        let path = name.hasSuffix(".lua") ? URL(fileURLWithPath: name).standardizedFileURL.path
            : (folder as NSString).appendingPathComponent(name + ".lua")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The script a user names: a file, or a report id.
    func find(_ name: String) throws -> ReportScript {
        if name.hasSuffix(".lua") {
            guard FileManager.default.fileExists(atPath: name) else { throw UsageError("no such report script: \(name)") }
            let path = URL(fileURLWithPath: name).standardizedFileURL.path
            return try host.load(path, display: workspace.display(path))
        }
        let byName = (folder as NSString).appendingPathComponent(name + ".lua")
        if FileManager.default.fileExists(atPath: byName) {
            let script = try host.load(byName, display: workspace.display(byName))
            if script.id == name { return script }
        }
        let (scripts, _) = all()
        if let script = scripts.first(where: { $0.id == name }) { return script }
        let ids = scripts.map(\.id).sorted()
        let list = ids.isEmpty ? "; there are no reports yet" : "; the reports are " + ids.joined(separator: ", ")
        throw UsageError("no report '\(name)' in \(workspace.config.reports)" + Suggestion.hint(for: name, in: ids) + list)
    }
}
