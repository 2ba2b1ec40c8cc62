import AccordCore
import Foundation
import Testing

@Suite struct IDListTests {
    @Test func eachLineGivesOneIdWithoutTheSpacesAroundIt() throws {
        let list = try IDList(Data("acme-2021\n  kobio-mou \r\n\tlast\n".utf8), file: "ids.txt")
        #expect(list.ids == ["acme-2021", "kobio-mou", "last"])
        #expect(list.place(of: "kobio-mou") == "ids.txt:2")
        #expect(list.place(of: "last") == "ids.txt:3")
        #expect(list.place(of: "elsewhere") == nil)
    }

    @Test func blankLinesAndCommentsHoldNoId() throws {
        let list = try IDList(Data("# gone in the 2025 review\n\n   \nacme-2021\n# kobio-mou\n".utf8), file: "ids.txt")
        #expect(list.ids == ["acme-2021"])
        #expect(list.place(of: "acme-2021") == "ids.txt:4")
    }

    @Test func anIdGivenTwiceCountsOnceAtItsFirstLine() throws {
        let list = try IDList(Data("b\na\nb\n".utf8), file: "ids.txt")
        #expect(list.ids == ["b", "a"])
        #expect(list.place(of: "b") == "ids.txt:1")
    }

    @Test func aFileWithoutIdsIsAnEmptyList() throws {
        #expect(try IDList(Data(), file: "ids.txt").ids.isEmpty)
        #expect(try IDList(Data("# nothing yet\n".utf8), file: "ids.txt").ids.isEmpty)
    }

    @Test(arguments: [
        ("acme-2021\nAcme Deal\n", 2, "'Acme Deal' is not an id"),
        ("id,title\nacme-2021,Acme\n", 1, "'id,title' is not an id"),
        ("acme-2021 kobio-mou\n", 1, "'acme-2021 kobio-mou' is not an id"),
        ("ok\n-dash\n", 2, "'-dash' is not an id"),
    ])
    func aLineThatIsNotAnIdIsRefusedWithItsLine(text: String, line: Int, message: String) {
        #expect {
            try IDList(Data(text.utf8), file: "ids.txt")
        } throws: { error in
            guard let error = error as? DataIssue else { return false }
            return error.line == line && error.description.hasPrefix("ids.txt:\(line): \(message)")
        }
    }

    @Test func textThatIsNotUTF8IsRefused() {
        #expect(throws: DataIssue(file: "ids.txt", message: "the text is not UTF-8")) { try IDList(Data([0x61, 0xFF, 0x0A]), file: "ids.txt") }
    }

    @Test func aByteOrderMarkBeforeTheTextIsNoPartOfIt() throws {
        #expect(try IDList(Data("\u{FEFF}acme-2021\nkobio-mou\n".utf8), file: "ids.txt").ids == ["acme-2021", "kobio-mou"])
        #expect(try IDList(Data("\u{FEFF}# from the 2025 review\nacme-2021\n".utf8), file: "ids.txt").ids == ["acme-2021"])
    }
}
