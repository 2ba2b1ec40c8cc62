-- hostile: raise nil
-- exit: 1
-- stderr: error object is nil
error(nil)
