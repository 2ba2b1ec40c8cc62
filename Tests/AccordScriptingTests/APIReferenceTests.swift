import Foundation
import Testing
@testable import AccordScripting

/// `docs/lua-api.md` is what `accord docs` generates from the declarations,
/// and every entry and link in it is where it should be.
@Suite struct APIReferenceTests {
    @Test func theCommittedReferenceIsCurrent() throws {
        let url = SampleData.root.appendingPathComponent(APIReference.defaultPath)
        let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let generated = APIReference.markdown()
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(old, new)).firstIndex { $0 != $1 } ?? min(old.count, new.count)
        let current = committed == generated
        #expect(current, """
            \(APIReference.defaultPath) differs from the declarations at line \(line + 1): run `accord docs` and commit it
            committed: \(line < old.count ? String(old[line]) : "(end)")
            generated: \(line < new.count ? String(new[line]) : "(end)")
            """)
    }

    @Test func theReferenceIsReproducible() {
        #expect(APIReference.markdown() == APIReference.markdown())
    }

    @Test func everyLinkOfTheContentsLeadsToOneHeading() {
        let lines = APIReference.markdown().split(separator: "\n").map(String.init)
        let anchors = lines.filter { $0.hasPrefix("#") }.map { APIReference.anchor(String($0.drop { $0 == "#" }.dropFirst())) }
        #expect(Set(anchors).count == anchors.count, "headings share an anchor: \(Dictionary(grouping: anchors) { $0 }.filter { $1.count > 1 }.keys.sorted())")
        let links = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- [") }.compactMap { line in
            line.range(of: "](#").map { String(line[$0.upperBound...].dropLast()) }
        }
        #expect(links.count == AccordAPI.sections.count + AccordAPI.sections.map { APIReference.entries(of: $0).count }.reduce(0, +))
        for link in links { #expect(anchors.contains(link), "\(link)") }
    }

    @Test func everyDeclarationIsInTheReference() {
        let text = APIReference.markdown()
        for type in AccordAPI.allClasses {
            #expect(text.contains("\n### \(type.typeName)\n"), "\(type.typeName)")
            for field in type.fields { #expect(text.contains("| `\(field.name)` |"), "\(type.name).\(field.name)") }
            for method in type.methods { #expect(text.contains("\n#### \(APIReference.heading(of: method, in: type))\n"), "\(type.name):\(method.name)") }
        }
        for module in AccordAPI.modules {
            for function in module.functions { #expect(text.contains("\n### \(APIReference.heading(of: function, in: module))\n")) }
        }
        for e in AccordAPI.enums {
            #expect(text.contains("\n### \(e.name)\n"))
            for value in e.values { #expect(text.contains("`\"\(value)\"`"), "\(e.name) \(value)") }
        }
    }
}
