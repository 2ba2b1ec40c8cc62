-- hostile: loop forever
-- exit: 1
-- stderr: time limit (2 s) exceeded
-- flags: --max-instructions none
while true do end
