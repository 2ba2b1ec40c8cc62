import Crypto
import Foundation

/// Content digests as Accord records them: `sha256:` and 64 lowercase
/// hexadecimal digits, computed by swift-crypto.
public enum ContentDigest {
    /// The digest of `bytes`.
    public static func sha256(_ bytes: some DataProtocol) -> String {
        prefix + hex(SHA256.hash(data: bytes))
    }

    /// The digest of `first` followed by `rest`, as one run of bytes, without joining them: a
    /// report's JSON is tens of megabytes.
    public static func sha256(_ first: some DataProtocol, then rest: some DataProtocol) -> String {
        var hasher = SHA256()
        hasher.update(data: first)
        hasher.update(data: rest)
        return prefix + hex(hasher.finalize())
    }

    /// What every digest starts with.
    public static let prefix = "sha256:"

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
