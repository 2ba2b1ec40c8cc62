import PackagePlugin

/// Compiles the `.lua` files of a target into a Swift source, `LuaFiles.swift`, that holds each
/// file's text: the binary carries its Lua and needs no resources at run time.
@main
struct EmbedLua: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles(withSuffix: "lua").map(\.url).sorted { $0.path < $1.path }
        guard !files.isEmpty else { return [] }
        let root = target.directoryURL.standardizedFileURL.path + "/"
        let output = context.pluginWorkDirectoryURL.appending(path: "LuaFiles.swift")
        var arguments = [output.path]
        for file in files {
            let path = file.standardizedFileURL.path
            arguments += [path.hasPrefix(root) ? String(path.dropFirst(root.count)) : file.lastPathComponent, path]
        }
        return [.buildCommand(displayName: "Embedding \(files.count) Lua files in \(target.name)",
                              executable: try context.tool(named: "embed-lua").url,
                              arguments: arguments, inputFiles: files, outputFiles: [output])]
    }
}
