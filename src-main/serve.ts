console.log('serve')
