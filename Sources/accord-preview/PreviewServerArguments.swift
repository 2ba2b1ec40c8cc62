import AccordPreview

/// The command line of `accord-preview`, as `accord preview` writes it.
struct PreviewServerArguments {
    var address: PreviewAddress
    var title: String
    var allowRemote: Bool

    init(_ arguments: [String]) throws {
        var values: [String: String] = [:]
        var allowRemote = false
        var rest = arguments[...]
        while let name = rest.popFirst() {
            if name == "--allow-remote" {
                allowRemote = true
            } else if ["--host", "--port", "--title"].contains(name), let value = rest.popFirst() {
                values[name] = value
            } else {
                throw PreviewServerError("accord-preview: unknown or incomplete argument \(name); "
                    + "usage: accord-preview --host HOST --port PORT --title TITLE [--allow-remote]")
            }
        }
        guard let host = values["--host"], let port = values["--port"].flatMap(Int.init), let title = values["--title"] else {
            throw PreviewServerError("accord-preview: --host, --port and --title are needed")
        }
        address = try PreviewAddress(host: host, port: port, allowRemote: allowRemote)
        self.title = title
        self.allowRemote = allowRemote
    }
}
