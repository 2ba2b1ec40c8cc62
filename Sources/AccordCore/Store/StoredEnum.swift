import Foundation

/// A model enum the store saves as its raw text, read back from the bytes where a row holds
/// them: a string made of each value and matched by `init(rawValue:)` took five times as long
/// (some 3% of a classification, which reads a role for each party and a form and a status for
/// each partnership).
protocol StoredEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The cases' texts, made once for the type.
    static var storedCases: StoredCases<Self> { get }
}

/// The raw texts of an enum's cases as UTF-8, with the case each names.
struct StoredCases<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private let texts: [[UInt8]]
    private let values: [Value]

    init() {
        values = Array(Value.allCases)
        texts = values.map { Array($0.rawValue.utf8) }
    }

    /// The case whose raw text is `utf8`; nil for none.
    func value(_ utf8: UnsafeBufferPointer<UInt8>) -> Value? {
        for (i, text) in texts.enumerated() where text.count == utf8.count {
            let same = text.withUnsafeBufferPointer { text in
                utf8.isEmpty || memcmp(text.baseAddress!, utf8.baseAddress!, utf8.count) == 0
            }
            if same { return values[i] }
        }
        return nil
    }
}

extension PartnershipForm: StoredEnum { static let storedCases = StoredCases<Self>() }
extension PartnershipStatus: StoredEnum { static let storedCases = StoredCases<Self>() }
extension OrganizationKind: StoredEnum { static let storedCases = StoredCases<Self>() }
extension PartyRole: StoredEnum { static let storedCases = StoredCases<Self>() }
extension PersonRole: StoredEnum { static let storedCases = StoredCases<Self>() }
extension RelationKind: StoredEnum { static let storedCases = StoredCases<Self>() }
extension ProductKind: StoredEnum { static let storedCases = StoredCases<Self>() }
extension FinancialTermType: StoredEnum { static let storedCases = StoredCases<Self>() }
extension Qualifier: StoredEnum { static let storedCases = StoredCases<Self>() }
extension FigureKey: StoredEnum { static let storedCases = StoredCases<Self>() }
extension AssignedLabel.Origin: StoredEnum { static let storedCases = StoredCases<Self>() }
extension RunStatus: StoredEnum { static let storedCases = StoredCases<Self>() }
extension DeliveryStatus: StoredEnum { static let storedCases = StoredCases<Self>() }
