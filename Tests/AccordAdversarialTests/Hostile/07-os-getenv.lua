-- hostile: read the environment
-- exit: 1
-- stderr: attempt to call a nil value (field 'getenv')
print(os.getenv('HOME'))
