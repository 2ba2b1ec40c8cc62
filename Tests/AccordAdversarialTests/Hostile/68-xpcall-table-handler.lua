-- hostile: give xpcall a table as handler
-- exit: 1
-- stderr: hostile.lua:4: bad argument #2 to 'xpcall' (function expected, got table)
xpcall(print, {})
