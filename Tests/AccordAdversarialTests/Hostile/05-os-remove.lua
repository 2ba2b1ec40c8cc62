-- hostile: delete a file
-- exit: 1
-- stderr: attempt to call a nil value (field 'remove')
os.remove('accord.yaml')
