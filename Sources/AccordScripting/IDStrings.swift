import AccordCore
import LuaKit

/// The ids of a report's frames as Lua strings, made once for each frame while the report
/// builds: its collection and each of its groups are then tables of strings already made.
/// Making each string again, for every group a frame is split into, hashed it and looked it up
/// in Lua's table of strings: 5% of the yearly report's main thread at a million partnerships.
final class IDStrings {
    /// Lua's side: a table of each frame's id strings, by its number.
    private let tables: LuaReference
    /// The frames' lists made so far, kept so that no other list takes one's identity, and their numbers.
    private var made: [ObjectIdentifier: (list: PartnershipIDList, number: Int)] = [:]
    private var keeping = false

    init(state: LuaState) {
        state.lua.newTable()
        tables = state.reference()
    }

    /// Keeps the strings made from now on.
    func begin() { keeping = true }

    /// Lets Lua collect the strings made, and keeps no more.
    func end(on lua: Lua) {
        tables.push(on: lua)
        for (_, number) in made.values {
            lua.pushNil()
            lua.setIndex(number, in: -2)
        }
        lua.pop()
        made = [:]
        keeping = false
    }

    /// Pushes a sequence of the ids.
    func push(_ ids: PartnershipIDs, on lua: Lua) {
        guard keeping, let list = ids.shared else { return lua.push(ids) }
        lua.newTable(array: ids.count)
        pushStrings(of: list, on: lua)
        if let positions = ids.positions {
            for (i, position) in positions.enumerated() {
                lua.getIndex(Int(position) + 1, in: -1)
                lua.setIndex(i + 1, in: -3)
            }
        } else {
            for i in list.ids.indices {
                lua.getIndex(i + 1, in: -1)
                lua.setIndex(i + 1, in: -3)
            }
        }
        lua.pop()
    }

    /// Pushes the table of `list`'s strings, made the first time.
    private func pushStrings(of list: PartnershipIDList, on lua: Lua) {
        tables.push(on: lua)
        if let number = made[ObjectIdentifier(list)]?.number {
            lua.getIndex(number, in: -1)
        } else {
            let number = made.count + 1
            lua.push(list.ids)
            lua.pushValue(at: -1)
            lua.setIndex(number, in: -3)
            made[ObjectIdentifier(list)] = (list, number)
        }
        lua.remove(at: -2)
    }
}
