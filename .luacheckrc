-- luacheck's settings for every Lua file in the repository: Accord's own Lua (the chunks under
-- Sources/*/ that the build embeds), the bundled pack and sample workspace, the benchmark driver.
-- `make test` runs luacheck over all of them and the scripting tests' own Lua (`make lint`); it must
-- stay clean. The hostile scripts under Tests/AccordAdversarialTests misbehave on purpose and are left out.
std = "lua54"
max_line_length = 150

-- Scripts, packs and reports reach Accord through the `accord` module.
files["Sources/accord/Sample"] = { read_globals = { "accord" } }
-- A rule keeps its description on one line, however long.
files["Sources/accord/Packs"] = { read_globals = { "accord" }, max_line_length = false }
-- Tests' scripts run as scripts do, with the `accord` module.
files["Tests"] = { read_globals = { "accord" } }
-- The benchmark sets `accord`, as Accord's sandbox does for a pack.
files["Benchmarks"] = { globals = { "accord" } }
