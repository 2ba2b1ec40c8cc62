-- hostile: group by a field records do not have
-- exit: 1
-- stderr: hostile.lua:4: unknown field 'fuzz'
local groups = accord.partnerships():group_by('fuzz')
