-- hostile: move a file
-- exit: 1
-- stderr: attempt to call a nil value (field 'rename')
os.rename('accord.yaml', 'pwned')
