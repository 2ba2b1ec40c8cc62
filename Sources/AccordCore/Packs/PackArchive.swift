import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A published rule pack: `NAME-VERSION.tar.gz`, holding `accord-pack.yaml` at its root
/// and the pack's files under `NAME/`, so that the unpacked archive is itself a folder
/// of packs. Archives are made and read with the system's `tar` and `gzip`.
///
/// Writing is reproducible: entries in name order, every time stamp at 0, owner and group
/// 0, modes 0644 and 0755, and gzip without a name or time, so that the same files give
/// the same bytes. Unpacking trusts nothing in the archive (see `unpack`).
public enum PackArchive {
    /// The most an archive may hold, unpacked, and the most entries.
    public static let maximumSize: UInt64 = 256 << 20
    public static let maximumEntries = 20_000

    /// The files an archive of `folder` holds, relative to it, in byte order: every
    /// file but hidden ones (names starting with `.`) and what is under hidden folders.
    /// Symbolic links are followed as `PackDigest` follows them.
    public static func files(in folder: URL) throws(PackArchiveError) -> [String] {
        let root = folder.standardizedFileURL
        var found: [String] = []
        try walk(root, relative: "", above: [root.resolvingSymlinksInPath().path], into: &found)
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes the archive of the pack in `folder`, described by `manifest`, to `archive`,
    /// atomically: the archive appears whole or not at all.
    public static func write(folder: URL, manifest: PackManifest, to archive: URL) throws(PackArchiveError) {
        let staging = try privateFolder(beside: archive)
        defer { try? FileManager.default.removeItem(at: staging) }
        let fm = FileManager.default
        let files = try files(in: folder)
        do {
            try Data(manifest.yaml().utf8).write(to: staging.appendingPathComponent(PackManifest.fileName))
            let packFolder = staging.appendingPathComponent(manifest.name)
            try fm.createDirectory(at: packFolder, withIntermediateDirectories: false)
            for path in files {
                let target = packFolder.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contentsOf: folder.appendingPathComponent(path).resolvingSymlinksInPath()).write(to: target)
            }
        } catch {
            throw PackArchiveError(archive.path, "cannot copy the pack: \(error.localizedDescription)")
        }
        let tarFile = staging.appendingPathComponent("pack.tar")
        try SystemTool.run("tar", ["--create", "--file=\(tarFile.path)", "--directory=\(staging.path)", "--format=gnu",
                                   "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
                                   "--mode=u=rwX,go=rX", "--no-acls", "--no-xattrs", "--no-selinux",
                                   PackManifest.fileName, manifest.name], archive: archive)
        let temporary = archive.deletingLastPathComponent().appendingPathComponent(".\(archive.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? fm.removeItem(at: temporary) }
        guard fm.createFile(atPath: temporary.path, contents: nil) else {
            throw PackArchiveError(archive.path, "cannot write in \(archive.deletingLastPathComponent().path)")
        }
        try SystemTool.run("gzip", ["-n", "-9", "-c", tarFile.path], archive: archive, output: temporary)
        // rename(2) replaces an older archive at once: a reader sees the old one or the new, never a part.
        guard rename(temporary.path, archive.path) == 0 else {
            throw PackArchiveError(archive.path, "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// The manifest of an archive, read without unpacking the rest; an error when it has none.
    public static func manifest(of archive: URL) throws(PackArchiveError) -> PackManifest {
        let text = try SystemTool.run("tar", ["--extract", "--gzip", "--to-stdout", "--file=\(archive.path)", PackManifest.fileName],
                                      archive: archive)
        do { return try PackManifest.parse(String(decoding: text, as: UTF8.self), file: "\(archive.path): \(PackManifest.fileName)") } catch {
            throw PackArchiveError(archive.path, error.description)
        }
    }

    /// Unpacks a pack archive into `destination`, a folder that must not exist yet, and returns
    /// its manifest. `destination` then holds `accord-pack.yaml` and the pack's folder: it is a
    /// folder of packs, which can go on the search path.
    ///
    /// The archive is refused, with an error naming the entry, when it holds an absolute path,
    /// a `..`, a symbolic or hard link, a device or FIFO, anything but `accord-pack.yaml` and
    /// one folder, more than `maximumEntries` entries or `maximumSize` bytes; when the manifest
    /// is missing or malformed; and when the manifest's name, version or digest differ from
    /// the unpacked pack's (its folder, the version its `init.lua` declares, and `PackDigest`
    /// recomputed). The archive is listed before anything is extracted, then extracted by
    /// `tar` (owner and permissions not kept) into a fresh private folder beside
    /// `destination`, checked again there, and only then moved into place: nothing is written
    /// outside `destination` and that folder, which is removed in every case.
    public static func unpack(_ archive: URL, into destination: URL) throws(PackArchiveError) -> PackManifest {
        let fm = FileManager.default
        let destination = destination.standardizedFileURL
        guard fm.isReadableFile(atPath: archive.path) else { throw PackArchiveError(archive.path, "cannot read the archive") }
        if fm.fileExists(atPath: destination.path) {
            throw PackArchiveError(archive.path, "\(destination.path) already exists: unpack into a new folder")
        }
        let name = try checkListing(of: archive)
        do { try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw PackArchiveError(archive.path, "cannot create \(destination.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        let scratch = try privateFolder(beside: destination)
        defer { try? fm.removeItem(at: scratch) }
        let tree = scratch.appendingPathComponent("tree")
        do { try fm.createDirectory(at: tree, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700]) } catch {
            throw PackArchiveError(archive.path, "cannot create a private folder: \(error.localizedDescription)")
        }
        try SystemTool.run("tar", ["--extract", "--gzip", "--file=\(archive.path)", "--directory=\(tree.path)", "--no-same-owner",
                                   "--no-same-permissions", "--no-overwrite-dir", "--no-acls", "--no-xattrs", "--no-selinux",
                                   "--warning=no-timestamp"], archive: archive)
        try checkTree(tree, name: name, archive: archive)
        let manifest: PackManifest
        do { manifest = try PackManifest.read(from: tree.appendingPathComponent(PackManifest.fileName)) } catch {
            throw PackArchiveError(archive.path, error.description.replacingOccurrences(of: tree.path + "/", with: ""))
        }
        try verify(manifest, tree: tree, name: name, archive: archive)
        do { try fm.moveItem(at: tree, to: destination) } catch {
            throw PackArchiveError(archive.path, "cannot move the pack to \(destination.path): \(error.localizedDescription)")
        }
        return manifest
    }

    // MARK: Unpacking

    /// Checks the archive's listing before anything is extracted, and returns the name of its one folder.
    private static func checkListing(of archive: URL) throws(PackArchiveError) -> String {
        // Names as stored (a leading `/` kept); anything but printable characters escaped (`\n`): refused below.
        let environment = ["LC_ALL": "C.UTF-8"]
        let names = lines(try SystemTool.run("tar", ["--list", "--absolute-names", "--gzip", "--quoting-style=escape", "--file=\(archive.path)"],
                                             archive: archive, environment: environment))
        let verbose = lines(try SystemTool.run("tar", ["--list", "--absolute-names", "--verbose", "--numeric-owner", "--gzip",
                                                       "--quoting-style=escape",
                                                       "--file=\(archive.path)"], archive: archive, environment: environment))
        guard names.count == verbose.count else { throw PackArchiveError(archive.path, "cannot read the archive's list of entries") }
        guard names.count <= maximumEntries else {
            throw PackArchiveError(archive.path, "more than \(maximumEntries) entries: not a rule pack")
        }
        var folder: String?
        var total: UInt64 = 0
        var hasManifest = false
        for (name, line) in zip(names, verbose) {
            func refuse(_ why: String) -> PackArchiveError { PackArchiveError(archive.path, "entry '\(name)': \(why)") }
            if name.contains("\\") { throw refuse("a name with characters a pack's files do not have") }
            if name.hasPrefix("/") { throw refuse("an absolute path") }
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.contains("..") { throw refuse("a path with '..'") }
            switch line.first {
            case "-", "d": break
            case "l": throw refuse("a symbolic link")
            case "h": throw refuse("a hard link")
            case "c", "b": throw refuse("a device")
            case "p": throw refuse("a FIFO")
            default: throw refuse("not a file or folder")
            }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count > 2, let size = UInt64(fields[2]) { total += size }
            if total > maximumSize { throw PackArchiveError(archive.path, "more than \(maximumSize >> 20) MB unpacked: not a rule pack") }
            if name == PackManifest.fileName {
                guard line.first == "-" else { throw refuse("the manifest is not a file") }
                hasManifest = true
                continue
            }
            let top = String(parts[0])
            guard parts.count >= 2 || line.first == "d", !top.isEmpty, !parts.contains("."), PackRequirement.isValidName(top) else {
                throw refuse("outside \(PackManifest.fileName) and the pack's folder")
            }
            if let folder, folder != top { throw refuse("outside \(PackManifest.fileName) and the pack's folder \(folder)/") }
            folder = top
        }
        guard hasManifest else { throw PackArchiveError(archive.path, "no \(PackManifest.fileName): not a pack archive") }
        guard let folder else { throw PackArchiveError(archive.path, "no pack folder beside \(PackManifest.fileName)") }
        return folder
    }

    /// Checks what `tar` extracted, trusting nothing the listing said: only the manifest and the
    /// pack's folder, and in it only regular files with one link, and folders.
    private static func checkTree(_ tree: URL, name: String, archive: URL) throws(PackArchiveError) {
        let fm = FileManager.default
        func refuse(_ path: String, _ why: String) -> PackArchiveError { PackArchiveError(archive.path, "entry '\(path)': \(why)") }
        let top = (try? fm.contentsOfDirectory(atPath: tree.path)) ?? []
        for entry in top where entry != PackManifest.fileName && entry != name {
            throw refuse(entry, "outside \(PackManifest.fileName) and the pack's folder \(name)/")
        }
        var pending = [(tree.appendingPathComponent(PackManifest.fileName), PackManifest.fileName),
                       (tree.appendingPathComponent(name), name)]
        var entries = 0
        while let (url, path) = pending.popLast() {
            entries += 1
            if entries > maximumEntries + 2 { throw PackArchiveError(archive.path, "more than \(maximumEntries) entries: not a rule pack") }
            let attributes: [FileAttributeKey: Any]
            do { attributes = try fm.attributesOfItem(atPath: url.path) } catch {
                throw refuse(path, "missing after unpacking")
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeRegular?:
                if let links = attributes[.referenceCount] as? Int, links > 1 { throw refuse(path, "a hard link") }
            case .typeDirectory?:
                if path == PackManifest.fileName { throw refuse(path, "the manifest is not a file") }
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: url.path) } catch { throw refuse(path, "cannot be listed") }
                pending += names.map { (url.appendingPathComponent($0), path + "/" + $0) }
            case .typeSymbolicLink?: throw refuse(path, "a symbolic link")
            case .typeCharacterSpecial?, .typeBlockSpecial?: throw refuse(path, "a device")
            default: throw refuse(path, "not a file or folder")
            }
        }
        if path(tree.appendingPathComponent(name).appendingPathComponent("init.lua"), isA: .typeRegular) == false {
            throw PackArchiveError(archive.path, "no \(name)/init.lua: not a rule pack")
        }
    }

    private static func path(_ url: URL, isA type: FileAttributeType) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == type
    }

    /// Checks the manifest against the unpacked pack: its folder, the version `init.lua` declares, its digest.
    private static func verify(_ manifest: PackManifest, tree: URL, name: String, archive: URL) throws(PackArchiveError) {
        let manifestFile = PackManifest.fileName
        guard manifest.name == name else {
            throw PackArchiveError(archive.path, "\(manifestFile) names pack '\(manifest.name)', but the archive holds '\(name)/'")
        }
        let folder = tree.appendingPathComponent(name)
        if let declared = declaredVersion(in: folder.appendingPathComponent("init.lua")), declared != manifest.version.description {
            throw PackArchiveError(archive.path, "\(manifestFile) says version \(manifest.version), but \(name)/init.lua declares \(declared)")
        }
        let digest: String
        do { digest = try PackDigest.of(folder: folder) } catch {
            throw PackArchiveError(archive.path, error.description.replacingOccurrences(of: tree.path + "/", with: ""))
        }
        guard digest == manifest.digest else {
            throw PackArchiveError(archive.path, "\(manifestFile) says digest \(manifest.digest), but the pack's Lua files give \(digest): "
                + "the archive was changed after it was made")
        }
    }

    /// The version a pack's `init.lua` declares as a literal (`version = "1.2.0"`), if it does.
    static func declaredVersion(in file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let pattern = #"(?<![A-Za-z0-9_.])version\s*=\s*["']([^"'\n]+)["']"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    private static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    // MARK: Writing

    private static func walk(_ folder: URL, relative: String, above: Set<String>, into found: inout [String]) throws(PackArchiveError) {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: folder.path) } catch {
            throw PackArchiveError(folder.path, "cannot list: \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            guard !name.contains("\\"), name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                throw PackArchiveError(url.path, "a file name with a backslash or a control character cannot be published")
            }
            let real = url.resolvingSymlinksInPath()
            switch (try? fm.attributesOfItem(atPath: real.path))?[.type] as? FileAttributeType {
            case .typeDirectory?:
                guard !above.contains(real.path) else { throw PackArchiveError(url.path, "symbolic link to a folder above it") }
                try walk(url, relative: path, above: above.union([real.path]), into: &found)
            case .typeRegular?: found.append(path)
            case nil: throw PackArchiveError(url.path, "broken symbolic link")
            default: throw PackArchiveError(url.path, "neither a file nor a folder: it cannot be published")
            }
        }
    }

    /// A new folder only this user can enter, hidden beside `url`, for work that must stay on its file system.
    private static func privateFolder(beside url: URL) throws(PackArchiveError) -> URL {
        let folder = url.deletingLastPathComponent().appendingPathComponent(".accord-pack-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700]) } catch {
            throw PackArchiveError(url.path, "cannot create a private folder in \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        return folder
    }
}

/// A pack archive that could not be written or was refused.
public struct PackArchiveError: Error, CustomStringConvertible, Sendable {
    /// The archive, or the file involved.
    public let path: String
    public let message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

extension SystemTool {
    /// Runs `tar` or `gzip` on `archive`; a failure is the archive's error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], archive: URL, output: URL? = nil,
                    environment: [String: String] = [:]) throws(PackArchiveError) -> Data {
        do { return try run(tool, arguments, output: output, environment: environment) } catch {
            throw PackArchiveError(archive.path, error.description)
        }
    }
}
