import AccordCore
import Foundation
import LuaKit

/// Turns what the prelude's `describe` made of a pack table into a `Pack`,
/// or every problem found in it.
struct PackReader {
    let lua: Lua
    let folder: String
    let file: String
    let digest: String
    let key: String

    func read(at t: Int32) throws(RuleProblems) -> Pack {
        var problems: [RuleProblem] = []
        lua.forEachItem(of: "problems", in: t) { item in
            problems.append(RuleProblem(lua.stringField("at", in: item) ?? file, lua.stringField("message", in: item) ?? "?"))
        }
        let position = lua.stringField("at", in: t) ?? file
        let name = lua.stringField("name", in: t) ?? ""
        let folderName = (folder as NSString).lastPathComponent
        if !name.isEmpty && name != folderName {
            problems.append(RuleProblem(position, "pack: name '\(name)' differs from its folder '\(folderName)': "
                + "rename one (packs are found, and required, by folder name)"))
        }
        var version = SemanticVersion(0, 0, 0)
        if let text = lua.stringField("version", in: t) {
            do throws(VersionError) { version = try SemanticVersion(text) } catch {
                problems.append(RuleProblem(position, "pack: version \(error.description)"))
            }
        }
        var requires: [PackRequirement] = []
        lua.forEachItem(of: "requires", in: t) { item in
            let required = lua.stringField("name", in: item) ?? ""
            let text = lua.stringField("range", in: item) ?? ""
            do throws(VersionError) { requires.append(PackRequirement(name: required, range: try VersionRange(text))) } catch {
                problems.append(RuleProblem(position, "pack: requires.\(required): \(error.description)"))
            }
        }
        var accord: VersionRange?
        if let text = lua.stringField("accord", in: t) {
            do throws(VersionError) { accord = try VersionRange(text) } catch {
                problems.append(RuleProblem(position, "pack: accord \(error.description)"))
            }
            if let accord, !accord.contains(AccordVersion.current) {
                problems.append(RuleProblem(position, "pack \(name.isEmpty ? folderName : name) needs accord \(accord), "
                    + "but this is accord \(AccordVersion.current): use another version of the pack, or of accord"))
            }
        }
        var labels: [PackLabel] = []
        lua.forEachItem(of: "labels", in: t) { item in
            labels.append(PackLabel(name: lua.stringField("name", in: item) ?? "", description: lua.stringField("text", in: item) ?? ""))
        }
        var rules: [Rule] = []
        lua.forEachItem(of: "rules", in: t) { item in
            guard let id = lua.stringField("id", in: item), let label = lua.stringField("label", in: item),
                  let condition = lua.stringField("condition", in: item),
                  let status = RuleStatus(rawValue: lua.stringField("status", in: item) ?? "") else { return }
            rules.append(Rule(id: "\(name).\(id)", localID: id, pack: name, label: label,
                              description: lua.stringField("description", in: item),
                              priority: lua.intField("priority", in: item) ?? 0, status: status,
                              tags: lua.stringList("tags", in: item), condition: condition,
                              position: lua.stringField("at", in: item) ?? position))
        }
        var overlays: [Overlay] = []
        var index = 0
        lua.forEachItem(of: "overlays", in: t) { item in
            index += 1
            guard let target = lua.stringField("rule", in: item) else { return }
            overlays.append(Overlay(pack: name, target: target, disable: lua.boolField("disable", in: item),
                                    narrow: lua.stringField("narrow", in: item), reason: lua.stringField("reason", in: item),
                                    position: lua.stringField("at", in: item) ?? position, index: index))
        }
        guard problems.isEmpty else { throw RuleProblems(problems) }
        return Pack(name: name, version: version, description: lua.stringField("description", in: t),
                    hitPolicy: HitPolicy(rawValue: lua.stringField("hit_policy", in: t) ?? "") ?? .collect,
                    labels: labels, requires: requires, accord: accord, license: lua.stringField("license", in: t),
                    authors: lua.stringList("authors", in: t), rules: rules, overlays: overlays, folder: folder,
                    digest: digest, position: position, key: key)
    }
}
