import AccordCore
import Foundation

/// Fetches versions of packs from their sources into the staging folder.
struct SourceReader {
    let workspace: Workspace
    let staging: PackStaging
    let progress: (String) -> Void

    /// The versions `requirement`'s source offers (those its range allows, unless
    /// `inRange` is false), each fetched into the staging folder.
    func offers(_ requirement: PackRequirement, inRange: Bool = true) throws -> [PackOffer] {
        guard let source = requirement.source else { return [] }
        switch source {
        case .git:
            let repository = gitRepository(source)
            progress("listing the tags of \(repository.url)")
            let all = try repository.tags()
            let tags = all.filter { !inRange || requirement.range.contains($0.version) }
            if tags.isEmpty {
                throw SharingError("\(source) has no tag for \(requirement.name) \(requirement.range) "
                    + (all.isEmpty ? "(no tags vX.Y.Z at all)" : "(it has \(all.map(\.version.description).joined(separator: ", ")))"))
            }
            return try fetch(requirement.name, from: repository, source: source, tags: tags.map(\.name))
        case .archive(let location):
            let file = try obtainArchive(location)
            return [try unpack(requirement.name, archive: file, source: source)]
        case .folder:
            return [try copyFolder(requirement.name, source: source)]
        }
    }

    /// The version `locked` records, fetched again from its source: the same
    /// tag (checked against the locked commit by the caller) or archive.
    func offer(exactly locked: RulesLock.Entry) throws -> PackOffer {
        guard let source = locked.source else { throw SharingError("\(locked.name) was not fetched from a source") }
        switch source {
        case .git:
            guard let tag = locked.tag else {
                throw SharingError("\(RulesLock.fileName) records no tag for \(locked.name): run `accord rules install` without --frozen")
            }
            var offer = try fetch(locked.name, from: gitRepository(source), source: source, tags: [tag])[0]
            offer.version = locked.version
            return offer
        case .archive(let location):
            return try unpack(locked.name, archive: try obtainArchive(location), source: source)
        case .folder:
            return try copyFolder(locked.name, source: source)
        }
    }

    /// The versions a git source's tags name, without fetching any.
    func gitVersions(_ source: PackSource) throws -> [SemanticVersion] {
        try gitRepository(source).tags().map(\.version)
    }

    private func gitRepository(_ source: PackSource) -> GitRepository {
        GitRepository(source: source, root: workspace.root, cache: workspace.cacheFolder)
    }

    /// Fetches `tags` of `repository` and writes each one's pack into a staging folder of its own.
    private func fetch(_ name: String, from repository: GitRepository, source: PackSource, tags: [String]) throws -> [PackOffer] {
        progress("fetching \(name) \(tags.joined(separator: ", ")) from \(repository.url)")
        let commits = try repository.fetch(tags: tags)
        return try tags.map { tag in
            let root = try staging.newRoot(for: name)
            try repository.export(commit: commits[tag]!, into: root.appendingPathComponent(name))
            let version = try? SemanticVersion(String(tag.split(separator: "/").last!.dropFirst()))
            return PackOffer(name: name, source: source, root: root, version: version, tag: tag, commit: commits[tag])
        }
    }

    private func copyFolder(_ name: String, source: PackSource) throws -> PackOffer {
        let location = URL(fileURLWithPath: source.resolvedLocation(in: workspace.root))
        let fm = FileManager.default
        let folder = fm.fileExists(atPath: location.appendingPathComponent("init.lua").path)
            ? location : location.appendingPathComponent(name)
        guard fm.fileExists(atPath: folder.appendingPathComponent("init.lua").path) else {
            throw SharingError("\(source): no init.lua in \(location.path) or in its folder \(name)/")
        }
        let root = try staging.newRoot(for: name)
        try copyPlainFiles(from: folder, to: root.appendingPathComponent(name))
        return PackOffer(name: name, source: source, root: root)
    }

    /// Copies the regular files and folders under `from`, refusing links and
    /// special files so that the copy holds only what is inside the pack.
    private func copyPlainFiles(from: URL, to: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: to, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: from.path).sorted() where !name.hasPrefix(".") {
            let item = from.appendingPathComponent(name)
            let type = try fm.attributesOfItem(atPath: item.path)[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?: try copyPlainFiles(from: item, to: to.appendingPathComponent(name))
            case .typeRegular?: try fm.copyItem(at: item, to: to.appendingPathComponent(name))
            default: throw SharingError("\(item.path) is not a plain file or folder; a pack holds plain files only")
            }
        }
    }

    /// The archive as a local file: the file itself, or a download into the cache.
    private func obtainArchive(_ location: String) throws -> URL {
        let source = PackSource.archive(location)
        guard !source.isLocal else {
            let file = URL(fileURLWithPath: source.resolvedLocation(in: workspace.root))
            guard FileManager.default.fileExists(atPath: file.path) else { throw SharingError("no archive at \(file.path)") }
            return file
        }
        guard location.hasPrefix("https://") || location.hasPrefix("http://") else {
            throw SharingError("an archive comes from a file or an http(s) address, not \(location)")
        }
        let folder = workspace.cacheFolder.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(String(ContentDigest.sha256(Data(location.utf8)).suffix(24)) + ".tar.gz")
        let partial = file.appendingPathExtension("partial")
        progress("downloading \(location)")
        do {
            try SystemTool.run("curl", ["--fail", "--silent", "--show-error", "--location", "--proto", "=http,https",
                                        "--max-filesize", "\(64 << 20)", "--output", partial.path, location])
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw SharingError("cannot download \(location): \(error)")
        }
        _ = try? FileManager.default.removeItem(at: file)
        try FileManager.default.moveItem(at: partial, to: file)
        return file
    }

    private func unpack(_ name: String, archive: URL, source: PackSource) throws -> PackOffer {
        let bytes = try Data(contentsOf: archive)
        let root = try staging.newRoot(for: name)
        try FileManager.default.removeItem(at: root)
        let manifest = try PackArchive.unpack(archive, into: root)
        guard manifest.name == name else {
            throw SharingError("\(source) holds the pack \(manifest.name), not \(name)")
        }
        return PackOffer(name: name, source: source, root: root, version: manifest.version,
                         archiveDigest: ContentDigest.sha256(bytes))
    }
}
