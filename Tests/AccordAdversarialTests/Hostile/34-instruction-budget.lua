-- hostile: run past the instruction budget
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
-- flags: --max-instructions 5M
local x = 0
while true do x = x + 1 end
