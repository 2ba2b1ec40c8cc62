/// One bound of a range alternative, such as `>=1.2.0`: the form every
/// constraint is reduced to.
struct VersionComparator: Hashable, Sendable {
    enum Operator: String, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "="
    }

    let op: Operator
    let version: SemanticVersion

    func matches(_ candidate: SemanticVersion) -> Bool {
        switch op {
        case .less: candidate < version
        case .lessOrEqual: candidate <= version
        case .greater: candidate > version
        case .greaterOrEqual: candidate >= version
        case .equal: candidate == version
        }
    }

    /// The comparators one constraint (`^1.2`, `>=1`, `1.x`, …) stands for;
    /// none for a wildcard that accepts every version.
    static func reduce(_ constraint: Substring) throws(VersionSyntax.Reason) -> [VersionComparator] {
        let prefixes = [">=", "<=", ">", "<", "=", "^", "~"]
        let prefix = prefixes.first { constraint.hasPrefix($0) } ?? ""
        let rest = constraint.dropFirst(prefix.count)
        if let c = rest.first, "<>=^~".contains(c) {
            throw VersionSyntax.Reason("'\(prefix)\(c)' is not an operator")
        }
        if rest.isEmpty { throw VersionSyntax.Reason("'\(prefix)' needs a version") }
        let v = try PartialVersion(rest)
        guard let major = v.major else {
            guard prefix.isEmpty || prefix == "=" else {
                throw VersionSyntax.Reason("'\(prefix)' needs a version number, not '\(rest)' (write '*' alone for any version)")
            }
            return []
        }
        let floor = v.floor
        func at(_ op: Operator, _ version: SemanticVersion) -> VersionComparator { VersionComparator(op: op, version: version) }
        func next(_ n: Int) throws(VersionSyntax.Reason) -> Int {
            guard n < Int.max else { throw VersionSyntax.Reason("'\(rest)' is too large") }
            return n + 1
        }
        let nextMajor = SemanticVersion(try next(major), 0, 0)
        let nextMinor = try v.minor.map { m throws(VersionSyntax.Reason) in SemanticVersion(major, try next(m), 0) } ?? nextMajor
        let nextUnit = v.patch == nil ? nextMinor : nil
        switch prefix {
        case "", "=":
            guard let upper = nextUnit else { return [at(.equal, floor)] }
            return [at(.greaterOrEqual, floor), at(.less, upper)]
        case "^":
            let upper: SemanticVersion
            if major > 0 || v.minor == nil {
                upper = nextMajor
            } else if v.minor! > 0 || v.patch == nil {
                upper = nextMinor
            } else {
                upper = SemanticVersion(0, 0, try next(v.patch!))
            }
            return [at(.greaterOrEqual, floor), at(.less, upper)]
        case "~":
            return [at(.greaterOrEqual, floor), at(.less, nextMinor)]
        case ">=":
            return [at(.greaterOrEqual, floor)]
        case ">":
            return [nextUnit.map { at(.greaterOrEqual, $0) } ?? at(.greater, floor)]
        case "<":
            return [at(.less, floor)]
        default:
            return [nextUnit.map { at(.less, $0) } ?? at(.lessOrEqual, floor)]
        }
    }
}
