-- hostile: call xpcall in a loop until stopped inside the sandbox wrapper
-- exit: 1
-- stderr: hostile.lua:4: instruction limit (5000000) exceeded
while true do xpcall(function() while qrue do end end, function() while true do end end) end

