-- hostile: a load reader that returns a table
-- exit: 1
-- stderr: hostile.lua:4: load: the reader function must return strings
assert(load(function() return {} end))
