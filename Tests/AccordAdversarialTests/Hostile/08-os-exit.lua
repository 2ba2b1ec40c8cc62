-- hostile: end the host process
-- exit: 1
-- stderr: attempt to call a nil value (field 'exit')
os.exit(0)
