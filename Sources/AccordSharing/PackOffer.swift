import AccordCore
import Foundation

/// One version of a pack, fetched into the staging folder or found vendored,
/// with where it came from: what the installer chooses among.
struct PackOffer {
    var name: String
    var source: PackSource
    /// The search folder that holds the pack as `name/`.
    var root: URL
    /// The version the source says (a tag or an archive's manifest); nil for a folder, read when loaded.
    var version: SemanticVersion?
    var tag: String?
    var commit: String?
    var archiveDigest: String?
    /// Whether this is the copy already in `.accord/packs`.
    var vendored = false

    var packFolder: URL { root.appendingPathComponent(name) }

    /// The lock's record of this offer, loaded as `version` with the code digest `digest`.
    func lockEntry(version: SemanticVersion, digest: String, path: String) -> RulesLock.Entry {
        RulesLock.Entry(name: name, version: version, digest: digest, path: path, source: source,
                        tag: tag, commit: commit, archiveDigest: archiveDigest)
    }
}
