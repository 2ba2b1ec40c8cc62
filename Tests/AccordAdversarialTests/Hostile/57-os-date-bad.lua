-- hostile: pass os.date a bad format
-- exit: 1
-- stderr: invalid conversion specifier
print(os.date('%Q'))
