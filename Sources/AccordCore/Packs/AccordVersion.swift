/// Accord's own version: what `accord --version` prints, and what a pack's
/// `accord = ">=0.9"` range is checked against when the pack loads.
public enum AccordVersion {
    /// The running Accord.
    public static let current = SemanticVersion(0, 9, 0)
}
