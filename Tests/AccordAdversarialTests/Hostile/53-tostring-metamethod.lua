-- hostile: fail inside __tostring
-- exit: 1
-- stderr: broken __tostring
print(setmetatable({}, { __tostring = function() error('broken __tostring') end }))
