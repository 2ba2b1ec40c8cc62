import Crypto
import Foundation

/// The content digest of a rule pack, as recorded in `accord.lock`.
///
/// The digest covers the pack's code and nothing else: every regular file whose
/// name ends in `.lua`, at any depth, except under the `tests` folder at the top
/// of the pack and except hidden files and folders (names starting with `.`).
/// Files are taken in the byte order of their paths relative to the pack, with
/// `/` separators; for each one the SHA-256 input is its relative path, a NUL
/// byte, its length in bytes as a decimal number, a NUL byte, then its bytes.
/// Renaming or moving a file changes the digest; editing `README.md` or a test
/// fixture does not.
///
/// Symbolic links are followed wherever they point, even outside the pack: a
/// linked file counts by its content under the link's name, a linked folder
/// is walked like one inside the pack. A link back to a folder above itself is
/// refused, as is a broken link named like a Lua file.
public enum PackDigest {
    /// `sha256:` followed by 64 lowercase hexadecimal digits.
    public static func of(folder: URL) throws(PackError) -> String {
        let root = folder.standardizedFileURL
        var hasher = SHA256()
        for path in try files(in: root) {
            let url = root.appendingPathComponent(path)
            do {
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                let size = try handle.seekToEnd()
                try handle.seek(toOffset: 0)
                hasher.update(data: Array(path.utf8) + [0] + Array(String(size).utf8) + [0])
                var read: UInt64 = 0
                while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                    hasher.update(data: chunk)
                    read += UInt64(chunk.count)
                }
                guard read == size else { throw PackError(path: url.path, message: "changed while it was read") }
            } catch let error as PackError {
                throw error
            } catch {
                throw PackError(path: url.path, message: "cannot read: \(error.localizedDescription)")
            }
        }
        return prefix + ContentDigest.hex(hasher.finalize())
    }

    /// The files the digest covers, relative to `folder`, in the order it takes them.
    public static func files(in folder: URL) throws(PackError) -> [String] {
        let root = folder.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PackError(path: root.path, message: "no pack folder here")
        }
        var found: [String] = []
        try walk(root, relative: "", above: [root.resolvingSymlinksInPath().path], into: &found)
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether `text` has the form of a digest this type computes.
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let hex = text.utf8.dropFirst(prefix.utf8.count)
        return hex.count == 64 && hex.allSatisfy { VersionSyntax.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
    }

    static let prefix = ContentDigest.prefix

    private static func walk(_ folder: URL, relative: String, above: Set<String>, into found: inout [String]) throws(PackError) {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: folder.path) } catch {
            throw PackError(path: folder.path, message: "cannot list: \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") && !(relative.isEmpty && name == "tests") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if exists, isDirectory.boolValue {
                let real = url.resolvingSymlinksInPath().path
                guard !above.contains(real) else {
                    throw PackError(path: url.path, message: "symbolic link to a folder above it")
                }
                try walk(url, relative: path, above: above.union([real]), into: &found)
            } else if name.hasSuffix(".lua") {
                guard exists else { throw PackError(path: url.path, message: "broken symbolic link") }
                let attributes = try? fm.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
                if attributes?[.type] as? FileAttributeType == .typeRegular { found.append(path) }
            }
        }
    }
}
