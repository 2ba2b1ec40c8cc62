-- hostile: query an organization's partnerships with a bad filter
-- exit: 1
-- stderr: hostile.lua:4: partnerships: unknown filter 'fromm'
print(accord.organization('khidi'):partnerships{ fromm = 2019 })
