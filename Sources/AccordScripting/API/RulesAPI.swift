extension AccordAPI {
    /// Functions of `accord.rules`, the rules DSL. Conditions are values of
    /// type `accord.Condition`; a condition may also be a function of the
    /// partnership returning whether it holds and, optionally, evidence.
    public static let rules: [LuaFunction] = [
        .init("pack", ["def: accord.PackDef"], "accord.PackDef",
              "Declares a pack: name, version, description, hit_policy, labels, requires, rules, overlays. Return it from the pack's init.lua."),
        .init("rule", ["def: accord.RuleDef"], "accord.RuleDef",
              "Declares a rule: id, label, description, priority, status, tags, when. Remembers its line for messages."),
        .init("all", ["conditions: (accord.Condition|fun(p: accord.Partnership): boolean, string?)[]"], "accord.Condition",
              "Holds when every condition holds; the evidence joins theirs."),
        .init("any", ["conditions: (accord.Condition|fun(p: accord.Partnership): boolean, string?)[]"], "accord.Condition",
              "Holds when some condition holds; the evidence is the first that held."),
        .init("none", ["conditions: (accord.Condition|fun(p: accord.Partnership): boolean, string?)[]"], "accord.Condition",
              "Holds when no condition holds."),
        .init("mentions", ["...: string|{[integer]: string, fields: string[]?}"], "accord.Condition",
              "The title, summary, tags or products (or the `fields` given, financials included) have a word starting with one of these, in any case."),
        .init("form_is", ["...: accord.Form"], "accord.Condition", "The partnership's form is one of these."),
        .init("status_is", ["...: accord.Status"], "accord.Condition", "The partnership's status is one of these."),
        .init("involves", ["...: string|{role: string?, kind: string?, country: string?, id: string?, name: string?, parent: string?}"],
              "accord.Condition", "Some party matches one of these: an organization's id, name, alias or group, or a table of party fields."),
        .init("territory_in", ["...: string"], "accord.Condition",
              "Some territory is one of these codes, lies in one of these groups, or is a group containing one."),
        .init("tagged", ["...: string"], "accord.Condition", "The partnership has one of these tags, in any case."),
        .init("has_product", ["spec: string|{kind: string?, area: string?, name: string?}"], "accord.Condition",
              "Some product matches: a kind (drug, vaccine, …) or a table of kind, therapeutic area and name."),
        .init("has_financial", ["spec: string|{type: string?, currency: string?, min: number?}"], "accord.Condition",
              "Some financial term matches: a type, or a table of type, currency and minimum amount (which needs a currency)."),
        .init("condition", ["text: string", "f: fun(p: accord.Partnership): boolean, string?"], "accord.Condition",
              "A function as a condition, named `text` in explanations; it returns whether it holds and, optionally, evidence."),
        .init("has_figure", ["key: string", "min: number?"], "accord.Condition",
              "The programme reports this figure (participants, countries, …), at least `min` when given."),
    ]
}
