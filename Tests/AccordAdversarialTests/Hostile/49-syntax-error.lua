-- hostile: a syntax error
-- exit: 1
-- stderr: unexpected symbol near '='
local x = = 1
