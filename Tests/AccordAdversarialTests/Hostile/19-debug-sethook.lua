-- hostile: remove the limit hook
-- exit: 1
-- stderr: attempt to index a nil value (global 'debug')
debug.sethook()
while true do end
