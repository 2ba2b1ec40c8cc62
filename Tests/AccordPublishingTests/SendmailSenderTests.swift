@testable import AccordPublishing
import Foundation
import Testing

@Suite struct SendmailSenderTests {
    @Test("A mail command of several steps runs whole, the message on its standard input")
    func aCommandOfSeveralStepsRunsWhole() throws {
        let folder = try TemporaryFolder(prefix: "accord-sendmail")
        defer { folder.remove() }
        let message = Data("To: a@example.org\r\nSubject: x\r\n\r\nbody\r\n".utf8)
        try SendmailSender(command: "cd '\(folder.url.path)' && cat > got.eml && echo done >> steps", timeout: 10).send(message)
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("got.eml")) == message)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("steps"), encoding: .utf8) == "done\n")
    }

    @Test("A command that fails is a failure naming the program and what it said")
    func aFailingCommandSaysWhy() {
        let error = #expect(throws: DeliveryError.self) {
            try SendmailSender(command: "msmtp-missing-here -t", timeout: 10).send(Data("x".utf8))
        }
        #expect(error?.description.contains("msmtp-missing-here") == true, "\(String(describing: error))")
    }
}
