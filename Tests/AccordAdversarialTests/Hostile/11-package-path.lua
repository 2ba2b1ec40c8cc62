-- hostile: widen the module path
-- exit: 1
-- stderr: attempt to index a nil value (global 'package')
package.path = '/etc/?'
require('passwd')
