-- hostile: loop in a to-be-closed variable
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
do
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  error('leave')
end
