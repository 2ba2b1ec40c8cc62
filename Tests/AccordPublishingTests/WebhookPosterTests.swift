@testable import AccordPublishing
import Foundation
import Testing

/// The webhook POST through curl: its configuration, and the failures it reports
/// (the delivered and refused answers are tested end to end, ScheduleDeliveryWorkflowTests).
struct WebhookPosterTests {
    @Test func valuesAreQuotedAsCurlsConfigurationReadsThem() {
        #expect(WebhookPoster.quoted("{\"text\": \"a\\\\b\"}\n\t\r") == #""{\"text\": \"a\\\\b\"}\n\t\r""#)
        #expect(WebhookPoster.quoted("Zürich — 北京") == "\"Zürich — 北京\"")
    }

    @Test func theURLAndBodyGoToCurlInItsConfigurationNeverOnItsCommandLine() {
        let url = URL(string: "https://hooks.example.org/services/T000/B000/secret")!
        let configuration = String(decoding: WebhookPoster.configuration(Data("{\"a\":1}".utf8), to: url, seconds: 2.5), as: UTF8.self)
        #expect(configuration.contains("url = \"https://hooks.example.org/services/T000/B000/secret\"\n"))
        #expect(configuration.contains("data-raw = \"{\\\"a\\\":1}\"\n"))
        #expect(configuration.contains("max-time = 2.500\n"))
        #expect(configuration.contains("proto = \"=http,https\"\n"))
    }

    @Test func statusAndBodyAreToldApart() {
        let (status, body) = WebhookPoster.split(Data("invalid_token\(WebhookPoster.statusMark)403".utf8))
        #expect(status == 403)
        #expect(String(decoding: body, as: UTF8.self) == "invalid_token")
        #expect(WebhookPoster.split(Data("no mark".utf8)).status == nil)
    }

    @Test func aRefusedConnectionSaysWhy() throws {
        #expect {
            try WebhookPoster(timeout: 5).post(Data("{}".utf8), to: URL(string: "http://127.0.0.1:1/hook")!)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("POST to 127.0.0.1: ") && text.contains("onnect")
        }
    }

    /// A server that takes the connection and never answers.
    @Test func aServerThatNeverAnswersIsStoppedAtTheTimeLimit() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try #require(bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0)
            }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let started = Date()
        #expect {
            try WebhookPoster(timeout: 1).post(Data("{}".utf8), to: URL(string: "http://127.0.0.1:\(port)/hook")!)
        } throws: { error in
            "\(error)" == "127.0.0.1 did not answer within the time limit (schedule.delivery_timeout)"
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
