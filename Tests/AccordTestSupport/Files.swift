import Foundation

/// The files below `folder`, by path relative to it.
public func files(in folder: URL) throws -> [String: Data] {
    let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    var out: [String: Data] = [:]
    for name in names.sorted() {
        var isFolder: ObjCBool = false
        let url = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            out[name] = try Data(contentsOf: url)
        }
    }
    return out
}
