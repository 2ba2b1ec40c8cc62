-- hostile: make a temporary file
-- exit: 1
-- stderr: attempt to call a nil value (field 'tmpname')
print(os.tmpname())
