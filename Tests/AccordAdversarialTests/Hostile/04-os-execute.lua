-- hostile: run a shell command
-- exit: 1
-- stderr: attempt to call a nil value (field 'execute')
os.execute('touch pwned')
