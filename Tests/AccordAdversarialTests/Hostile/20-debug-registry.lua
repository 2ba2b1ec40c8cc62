-- hostile: reach the registry
-- exit: 1
-- stderr: attempt to index a nil value (global 'debug')
print(debug.getregistry())
