-- hostile: read a field that is not there
-- exit: 1
-- stderr: unknown field 'titel' (did you mean 'title'?)
print(accord.partnerships()[1].titel)
