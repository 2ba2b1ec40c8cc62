import AccordCore
import LuaKit

/// `accord.names`: the words a reader sees for the codes records hold.
extension AccordModule {
    /// The vocabularies `accord.names` has a function for, by function name, with the noun
    /// its errors use and each value's display name.
    static let nameVocabularies: [(function: String, noun: String, names: [String: String])] = [
        ("form", "a form", names(of: PartnershipForm.self)),
        ("status", "a status", names(of: PartnershipStatus.self)),
        ("role", "a role", names(of: PartyRole.self)),
        ("kind", "an organization kind", names(of: OrganizationKind.self)),
        ("product_kind", "a product kind", names(of: ProductKind.self)),
        ("financial_type", "a financial type", names(of: FinancialTermType.self)),
    ]

    private static func names<T: DisplayNamed>(of type: T.Type) -> [String: String] {
        Dictionary(uniqueKeysWithValues: T.allCases.map { ($0.rawValue, $0.displayName) })
    }

    /// A label in words when no applied pack names it: `open_innovation` is "Open innovation".
    static func words(ofLabel label: String) -> String {
        let words = label.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Sets `names` in the module table on top of the stack.
    func installNames() {
        let lua = state.lua
        lua.newTable(fields: Self.nameVocabularies.count + 2)
        for vocabulary in Self.nameVocabularies {
            let function = "names.\(vocabulary.function)"
            lua.push(function: { lua in
                let code = try lua.checkString(1, function: function)
                guard let name = vocabulary.names[code] else {
                    throw LuaScriptError("\(function): '\(code)' is not \(vocabulary.noun)"
                        + Suggestion.hint(for: code, in: vocabulary.names.keys.sorted()))
                }
                lua.push(name)
                return 1
            })
            lua.setField(vocabulary.function)
        }
        lua.push(function: { lua in
            let code = try lua.checkString(1, function: "names.country")
            guard Territory.isValid(code) else {
                throw LuaScriptError("names.country: '\(code)' is not an ISO 3166-1 country code or a territory group")
            }
            lua.push(PlaceNames.territory(code))
            return 1
        })
        lua.setField("country")
        lua.push(function: { [weak self] lua in
            guard let self else { throw AccordModule.closed }
            let code = try lua.checkString(1, function: "names.label")
            lua.push(labelNames[code] ?? Self.words(ofLabel: code))
            return 1
        })
        lua.setField("label")
        lua.setField("names")
    }
}
