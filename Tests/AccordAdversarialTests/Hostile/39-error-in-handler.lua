-- hostile: raise in the message handler
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
while true do xpcall(function() while true do end end, function(e) error(e) end) end
