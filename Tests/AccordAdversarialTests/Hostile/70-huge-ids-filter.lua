-- hostile: amplify a big string into host copies through the ids filter
-- exit: 1
-- stderr: hostile.lua:7: partnerships: 'ids' is longer than 1000 characters
local s = string.rep('a', 8000000)
local ids = {}
for i = 1, 40 do ids[i] = s end
local c = accord.partnerships{ids = ids}
