import AccordPreview
import AccordPreviewServer
import Foundation

// `accord-preview --host HOST --port PORT --title TITLE [--allow-remote]`: the HTTP server of
// `accord preview`, which starts it and sends it each render (PreviewUpdate) on its standard input.
// It says where it listens, then each request, on its standard output (PreviewServerReport), and
// stops when its input ends: when `accord preview` stops, however it stops.
// The server is a program of its own so that `accord` itself does not load FoundationNetworking
// (libcurl and what it needs) at every start.

/// Serves until the input ends; returns the exit status.
func serve(_ arguments: [String], output: PreviewServerOutput) -> Int32 {
    let options: PreviewServerArguments
    do { options = try PreviewServerArguments(arguments) } catch {
        output.say(.failed("\(error)"))
        return 2
    }
    let state = PreviewState(title: options.title)
    let server: PreviewServer
    do {
        server = try PreviewServer(address: options.address,
                                   routes: PreviewRoutes(state: state, allowRemote: options.allowRemote,
                                                         trace: { output.say(.request($0)) }))
    } catch {
        output.say(.failed("cannot listen on \(options.address.url(port: options.address.port)): \(error)"))
        return 1
    }
    do { output.say(.listening(try server.startWaiting())) } catch {
        output.say(.failed("\(error)"))
        return 1
    }
    while let line = readLine(strippingNewline: true) {
        guard !line.isEmpty else { continue }
        do { try PreviewUpdate(line: Data(line.utf8)).publish(to: state) } catch {
            FileHandle.standardError.write(Data("accord-preview: an update it cannot read: \(error)\n".utf8))
        }
    }
    server.stopWaiting()
    return 0
}

// Ctrl-C reaches the whole process group: `accord preview` handles it and closes our input.
signal(SIGINT, SIG_IGN)
signal(SIGPIPE, SIG_IGN)
exit(serve(Array(CommandLine.arguments.dropFirst()), output: PreviewServerOutput()))
