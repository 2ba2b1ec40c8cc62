/// The data changed while a classification was computed from it (an import or
/// another classification saved meanwhile): its labels were not saved, and
/// running it again gives labels of the data as it is now (exit 75).
public struct DataChanged: Error, CustomStringConvertible, Sendable {
    public let from: Int
    public let to: Int

    public var description: String {
        "the data changed while the partnerships were classified (revision \(from) to \(to)): "
            + "nothing was saved; run the command again"
    }
}
